namespace HftScalper.Live;

/// <summary>Settings of <see cref="BinanceSpotGateway"/> (those of every Binance gateway).</summary>
public sealed record BinanceSpotGatewayOptions : BinanceGatewayOptions;
