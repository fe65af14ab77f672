// C ABI of libhftnative. Every function returns plain values or status codes; no C++ exception crosses it.
#pragma once
#include <stdint.h>

#if defined(_WIN32)
#define HFT_API __declspec(dllexport)
#else
#define HFT_API __attribute__((visibility("default")))
#endif

#ifdef __cplusplus
extern "C" {
#endif

/// ABI version of the library; the C# side refuses to run against a different one.
HFT_API int32_t hft_native_abi_version(void);

#ifdef __cplusplus
}
#endif
