using HftScalper.Trading.Execution;

namespace HftScalper.Live;

/// <summary>One request from the strategy thread to the sender task: a blittable value, so the hand-over allocates nothing.</summary>
internal readonly record struct GatewayCommand(GatewayCommandKind Kind, OrderRequest Request, ClientOrderId Target, int SymbolId);
