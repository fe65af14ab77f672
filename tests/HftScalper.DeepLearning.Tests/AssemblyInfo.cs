// libtorch's default random generator is one per process: a test that seeds it and then builds a network would see
// its weights drawn differently whenever another test class draws from it at the same moment (the determinism test
// failed exactly so in a full run). The classes here therefore run one at a time; `hft train` trains one model at
// a time, so a seed gives bit-identical weights there.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
