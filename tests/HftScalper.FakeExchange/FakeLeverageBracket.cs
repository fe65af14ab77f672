namespace HftScalper.FakeExchange;

/// <summary>One bracket the fake's <c>leverageBracket</c> endpoints answer for every futures symbol: the cap (COIN-M
/// <c>qtyCap</c> in the coin, USD-M <c>notionalCap</c> in USDT), the highest initial leverage, the maintenance rate.</summary>
public sealed record FakeLeverageBracket(decimal Cap, int InitialLeverage, decimal MaintMarginRatio);
