using System.Runtime.InteropServices;

namespace HftScalper.Native;

/// <summary>Inputs of a figures computation (blittable, 16 bytes; <c>hft_figures_params</c>).</summary>
[StructLayout(LayoutKind.Sequential)]
public struct BookFigureParameters
{
    /// <summary>Notional to fill for the price-impact figures in price*quantity units (ticks x lots), as a double
    /// so that large notionals cannot overflow; &lt;= 0 disables the impact walk.</summary>
    public double ImpactNotional;

    /// <summary>Levels per side used by the book slope (1..<see cref="NativeOrderBook.MaxWalkLevels"/>; &lt;= 0 means 10).</summary>
    public int SlopeLevels;

    private readonly int _reserved;

    /// <summary>Creates parameters.</summary>
    public BookFigureParameters(double impactNotional, int slopeLevels = 10)
    {
        ImpactNotional = impactNotional;
        SlopeLevels = slopeLevels;
        _reserved = 0;
    }
}
