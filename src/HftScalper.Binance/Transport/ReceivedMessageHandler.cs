namespace HftScalper.Binance.Transport;

/// <summary>
/// Called by <see cref="WebSocketReceiver"/> on its receive loop for every complete text or binary message.
/// The payload is borrowed: valid only until the handler returns (the buffer is reused for the next message).
/// </summary>
/// <param name="payload">The complete message.</param>
/// <param name="localTimeNs">Local receive time (<see cref="LocalClock"/>), taken when the last fragment arrived.</param>
internal delegate void ReceivedMessageHandler(ReadOnlyMemory<byte> payload, long localTimeNs);
