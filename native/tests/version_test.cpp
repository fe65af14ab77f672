#include <gtest/gtest.h>

#include "hft/hft_native.h"

TEST(Version, AbiVersionIsOne) { EXPECT_EQ(hft_native_abi_version(), 1); }
