namespace HftScalper.Core.Frames;

/// <summary>Where a raw exchange frame came from.</summary>
public enum FrameOrigin : byte
{
    /// <summary>A WebSocket message (single or combined stream).</summary>
    WebSocket = 1,

    /// <summary>A REST depth snapshot body (<c>/api/v3/depth</c>, <c>/fapi/v1/depth</c>, ...).</summary>
    RestSnapshot = 2,
}
