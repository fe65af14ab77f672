using Microsoft.ML.OnnxRuntime;

namespace HftScalper.Inference.Serving;

/// <summary>
/// An <see cref="OrtIoBinding"/> for one batch size: every input and output is an <see cref="OrtValue"/> viewing the
/// first <c>batch</c> rows of the model's pinned buffers, so a run with this binding copies nothing and allocates
/// nothing. All batch sizes share the same memory.
/// </summary>
internal sealed class BatchBinding : IDisposable
{
    private readonly OrtValue[] _values;

    public BatchBinding(InferenceSession session, int batch, IReadOnlyList<BoundTensor> inputs, IReadOnlyList<BoundTensor> outputs)
    {
        _values = new OrtValue[inputs.Count + outputs.Count];
        IoBinding = session.CreateIoBinding();
        try
        {
            int k = 0;
            foreach (var t in inputs) IoBinding.BindInput(t.Name, _values[k++] = t.CreateView(batch));
            foreach (var t in outputs) IoBinding.BindOutput(t.Name, _values[k++] = t.CreateView(batch));
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The binding to pass to <see cref="InferenceSession.RunWithBinding"/>.</summary>
    public OrtIoBinding IoBinding { get; }

    public void Dispose()
    {
        IoBinding.Dispose();
        foreach (var v in _values) v?.Dispose();
    }
}
