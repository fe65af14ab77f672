namespace HftScalper.Recording.Sources.Text;

/// <summary>Outcome of reading one line of a text recording.</summary>
internal enum LineStatus : byte
{
    Line,
    TooLong,
    End,
}
