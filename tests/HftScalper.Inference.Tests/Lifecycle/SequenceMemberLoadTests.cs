using HftScalper.Features.Schema;
using HftScalper.Inference.Ensemble;
using HftScalper.Inference.Loading;
using HftScalper.Inference.Onnx;
using HftScalper.Inference.Onnx.Proto;
using HftScalper.Inference.Tests.Support;

namespace HftScalper.Inference.Tests.Lifecycle;

/// <summary>
/// The loader refuses an ensemble whose member inputs and embedded member do not go together, and a member that is not
/// a sequence model: the decision path would otherwise serve a graph whose member never answers.
/// </summary>
public sealed class SequenceMemberLoadTests : IDisposable
{
    private readonly ModelFixtures _fx = new();
    private readonly FeatureSchema _schema = ModelFixtures.Schema(4);

    public void Dispose() => _fx.Dispose();

    [Fact]
    public void Refuses_a_graph_with_member_inputs_but_no_embedded_member()
    {
        var e = Assert.Throws<ModelLoadException>(() => _fx.Load(Save(memberInputs: true, member: null), _schema));

        Assert.Contains("no member is embedded", e.Message);
    }

    [Fact]
    public void Refuses_an_embedded_member_when_the_graph_has_no_member_inputs()
    {
        var e = Assert.Throws<ModelLoadException>(() => _fx.Load(Save(memberInputs: false, member: File.ReadAllBytes(Save(false, null, "plain.onnx"))), _schema));

        Assert.Contains("has no member_scores input", e.Message);
    }

    [Fact]
    public void Refuses_an_embedded_member_that_is_not_a_sequence_model()
    {
        var e = Assert.Throws<ModelLoadException>(() => _fx.Load(Save(memberInputs: true, member: File.ReadAllBytes(Save(false, null, "plain.onnx"))), _schema,
            role: HftScalper.Inference.Contracts.ModelRole.Direction));

        Assert.Contains("not a sequence model", e.Message);
    }

    [Fact]
    public void Refuses_a_graph_whose_member_count_differs_from_the_embedded_members()
    {
        // A graph reading two members (member_scores [B,6], member_ready [B,2]) with one member embedded.
        var lstm = File.ReadAllBytes(Save(false, null, "plain.onnx"));
        var e = Assert.Throws<ModelLoadException>(() => _fx.Load(Save(memberInputs: true, member: lstm, members: 2), _schema));

        Assert.Contains("reads 2 sequence member(s), 1 embedded", e.Message);
    }

    [Fact]
    public void Refuses_member_inputs_whose_widths_disagree()
    {
        var e = Assert.Throws<ModelLoadException>(() => _fx.Load(Save(memberInputs: true, member: null, members: 2, readyWidth: 1), _schema));

        Assert.Contains("must be [batch,3M] and [batch,M]", e.Message);
    }

    // A softmax MLP over the features; optionally the two member inputs (unused by the graph) and an embedded member.
    private string Save(bool memberInputs, byte[]? member, string name = "ensemble.onnx", int members = 1, int readyWidth = -1)
    {
        var proto = MlpModelBuilder.Build(RandomModels.Mlp(new Random(7), _schema.Count, 5, 3), OutputActivation.Softmax);
        if (memberInputs)
        {
            proto.Graph.Input.Add(OnnxGraph.BatchedTensor(SequenceMemberSlot.ScoresInput, TensorProto.Types.DataType.Float, 3 * members));
            proto.Graph.Input.Add(OnnxGraph.BatchedTensor(SequenceMemberSlot.ReadyInput, TensorProto.Types.DataType.Float, readyWidth > 0 ? readyWidth : members));
        }
        if (member is not null) proto.MetadataProps.Add(new StringStringEntryProto { Key = SequenceMemberSlot.MetadataKey, Value = Convert.ToBase64String(member) });
        return _fx.Save(proto, ModelFixtures.Metadata(_schema, 3) with { OutputNames = ["down", "flat", "up"] }, name);
    }
}
