// The decoding stage: libsndfile decoding, downmix and libsoxr resampling (see DESIGN.md).
