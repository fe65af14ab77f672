namespace HftScalper.Core.Settings;

/// <summary>
/// A setting (configuration key, command-line option) holds a value outside its range or of the wrong kind. The
/// message is one line for the user that names the key as written (camelCase path, or the option): it is printed as
/// is, without a parameter name or a .NET type. An <see cref="ArgumentException"/>, so every caller that maps bad
/// input to a user error maps this one too.
/// </summary>
public sealed class SettingException : ArgumentException
{
    /// <summary>Creates the error with its one-line message.</summary>
    public SettingException(string message) : base(message)
    {
    }

    /// <summary>Creates the error with its one-line message and the error that revealed it.</summary>
    public SettingException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates an error without a message (prefer the other constructors).</summary>
    public SettingException() : base("a setting is out of range")
    {
    }
}
