namespace HftScalper.Live;

/// <summary>What the strategy thread asked the sender task to do.</summary>
internal enum GatewayCommandKind : byte
{
    /// <summary>Place <see cref="GatewayCommand.Request"/>.</summary>
    Place = 1,

    /// <summary>Cancel <see cref="GatewayCommand.Target"/>.</summary>
    Cancel = 2,

    /// <summary>Cancel <see cref="GatewayCommand.Target"/> and place <see cref="GatewayCommand.Request"/> (cancelReplace).</summary>
    Replace = 3,
}
