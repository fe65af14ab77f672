#include "hft/hft_native.h"

extern "C" int32_t hft_native_abi_version(void) { return 1; }
