using HftScalper.Core.Security;

namespace HftScalper.Core.Tests;

public sealed class SecretRedactorTests
{
    [Theory]
    [InlineData("wss://user:pass@stream.example.com:9443/ws", "wss://***@stream.example.com:9443/ws")]
    [InlineData("ws://token@127.0.0.1:5000", "ws://***@127.0.0.1:5000")]
    [InlineData("https://api.example.com/depth?symbol=BTCUSDT&token=abc123", "https://api.example.com/depth?symbol=BTCUSDT&token=***")]
    [InlineData("wss://h/ws?apiKey=K1&signature=S1&limit=5", "wss://h/ws?apiKey=***&signature=***&limit=5")]
    [InlineData("wss://h/ws?access_token=x#frag", "wss://h/ws?access_token=***#frag")]
    [InlineData("wss://h/ws?key=x&listenKey=y", "wss://h/ws?key=***&listenKey=***")]
    public void Hides_user_info_and_secret_query_values(string url, string expected)
    {
        Assert.Equal(expected, SecretRedactor.Redact(url));
        Assert.Equal(expected, SecretRedactor.Redact(new Uri(url, UriKind.Absolute)).Replace("%23", "#", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("wss://stream.binance.com:9443")]
    [InlineData("https://api.binance.com/api/v3/depth?symbol=BTCUSDT&limit=1000")]
    [InlineData("connection 3 open (4 streams)")]
    [InlineData("mail me at someone@example.com")]
    public void Leaves_text_without_credentials_alone(string text) => Assert.Equal(text, SecretRedactor.Redact(text));

    [Fact]
    public void Redacts_every_url_inside_a_log_line()
    {
        string line = "connect to wss://u:p@a.example/ws failed; rest https://b.example/x?token=t&limit=5 too";

        Assert.Equal("connect to wss://***@a.example/ws failed; rest https://b.example/x?token=***&limit=5 too", SecretRedactor.Redact(line));
    }
}
