namespace HftScalper.Binance.UserData;

/// <summary>What <see cref="UserDataParser.TryParse"/> made of a message.</summary>
public enum UserDataParseStatus : byte
{
    /// <summary>A typed event was produced.</summary>
    Parsed = 0,

    /// <summary>A well-formed event of a type this build does not use (counted, not an error).</summary>
    Ignored,

    /// <summary>Broken JSON, a missing field or a number that does not fit its scale (counted and logged).</summary>
    Malformed,
}
