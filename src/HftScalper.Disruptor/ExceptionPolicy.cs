namespace HftScalper.Disruptor;

/// <summary>What a stage does when its handler throws. Either way the failure is logged and counted, never silent.</summary>
public enum ExceptionPolicy
{
    /// <summary>Stop every stage (the failing event is left unprocessed): fail closed. The default.</summary>
    HaltPipeline,

    /// <summary>Mark the failing event processed and carry on with the next one.</summary>
    SkipEvent,
}
