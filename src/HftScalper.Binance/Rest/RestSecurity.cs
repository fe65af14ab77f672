namespace HftScalper.Binance.Rest;

/// <summary>How an endpoint is authenticated (Binance's security types).</summary>
public enum RestSecurity : byte
{
    /// <summary>NONE: public.</summary>
    None = 0,

    /// <summary>USER_STREAM / MARKET_DATA: <c>X-MBX-APIKEY</c> header only.</summary>
    ApiKey = 1,

    /// <summary>TRADE / USER_DATA: API key header plus <c>timestamp</c>, <c>recvWindow</c> and <c>signature</c>.</summary>
    Signed = 2,
}
