using HftScalper.FakeExchange.Orders;

namespace HftScalper.FakeExchange;

/// <summary>An API call's result, the fault the transport must still apply, and the Retry-After seconds.</summary>
internal readonly record struct ApiCall(ApiResult Result, OrderFault Fault, int RetryAfterSeconds);
