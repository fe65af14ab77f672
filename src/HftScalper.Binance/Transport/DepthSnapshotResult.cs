namespace HftScalper.Binance.Transport;

/// <summary>A REST depth snapshot body, exactly as received, with its local receive time.</summary>
/// <param name="Body">The JSON body (<c>{"lastUpdateId":..,"bids":[..],"asks":[..]}</c>).</param>
/// <param name="LocalTimeNs">Local receive time (<see cref="LocalClock"/>).</param>
public sealed record DepthSnapshotResult(byte[] Body, long LocalTimeNs);
