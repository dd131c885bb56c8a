// SHA-256 through libcrypto's SHA256_Init/Update/Final: the same SHA-extension code as the EVP
// interface, without the EVP provider and configuration set-up that its first call costs
// (0.96 → 0.18 ms for a 250 kB model file, one-shot; bench/README.md, cold `predict`). OpenSSL 3
// marks these deprecated in favour of EVP, hence the define; they are still built by default.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>
