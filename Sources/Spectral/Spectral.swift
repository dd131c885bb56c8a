// The feature stage: FFTW STFT, mel, MFCC and phase features (see DESIGN.md).
