namespace HftScalper.Native.Tests;

public sealed class AbiCompatibilityTests
{
    [Fact]
    public void Loaded_library_matches_the_abi_version_and_every_struct_size()
    {
        Assert.Equal(NativeLibraryInfo.ExpectedAbiVersion, NativeLibraryInfo.AbiVersion());
        NativeLibraryInfo.EnsureCompatible();
    }
}
