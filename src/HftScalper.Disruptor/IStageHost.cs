namespace HftScalper.Disruptor;

/// <summary>What a stage reports to the pipeline that owns it.</summary>
internal interface IStageHost
{
    /// <summary>Logs a handler failure at <paramref name="sequence"/>; true when the pipeline halts because of it.</summary>
    bool OnHandlerFailure(Stage stage, long sequence, Exception error);

    /// <summary>Logs a failure that stops the stage whatever the policy (it halts the pipeline).</summary>
    void OnFatal(Stage stage, Exception error);
}
