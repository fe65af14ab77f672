namespace HftScalper.Recording.Events;

/// <summary>Which data.binance.vision file a CSV is.</summary>
public enum BinanceCsvKind : byte
{
    /// <summary><c>update_id,best_bid_price,best_bid_qty,best_ask_price,best_ask_qty,transaction_time,event_time</c>.</summary>
    BookTicker = 1,

    /// <summary><c>agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker[,is_best_match]</c>.</summary>
    AggTrades,

    /// <summary><c>id,price,qty,quote_qty,time,is_buyer_maker[,is_best_match]</c>.</summary>
    Trades,
}
