using HftScalper.Binance.Transport;

namespace HftScalper.Binance.Live;

/// <summary>A fetched snapshot waiting for the forwarding receive loop to hand it to the sync.</summary>
internal readonly record struct PendingSnapshot(int SymbolId, int Epoch, DepthSnapshotResult Result);
