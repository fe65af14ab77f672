using System.Runtime.InteropServices;
using System.Text;

namespace HftScalper.Training.WarmStart;

/// <summary>
/// The few functions of LightGBM's C API (<c>c_api.h</c>) that a warm start needs and ML.NET does not expose: a dataset
/// with an <c>init_score</c> field (the base model's raw scores), a booster updated one iteration at a time, its
/// validation metric, and its model as text. The native library is the one the LightGBM NuGet package already ships
/// for ML.NET (<c>lib_lightgbm</c>, 4.6). Every call returns 0 or throws with <c>LGBM_GetLastError</c>.
/// </summary>
internal static partial class LightGbmNative
{
    private const string Library = "lib_lightgbm";
    private const int DtypeFloat32 = 0, DtypeFloat64 = 1;
    private const int RowMajor = 1;

    [LibraryImport(Library, EntryPoint = "LGBM_GetLastError")]
    private static partial IntPtr GetLastError();

    [LibraryImport(Library, EntryPoint = "LGBM_DatasetCreateFromMat", StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int DatasetCreateFromMat(float* data, int dataType, int rows, int columns, int isRowMajor, string parameters, IntPtr reference, out IntPtr dataset);

    [LibraryImport(Library, EntryPoint = "LGBM_DatasetSetField", StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int DatasetSetField(IntPtr dataset, string field, void* data, int count, int type);

    [LibraryImport(Library, EntryPoint = "LGBM_DatasetFree")]
    private static partial int DatasetFree(IntPtr dataset);

    [LibraryImport(Library, EntryPoint = "LGBM_BoosterCreate", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int BoosterCreate(IntPtr train, string parameters, out IntPtr booster);

    [LibraryImport(Library, EntryPoint = "LGBM_BoosterAddValidData")]
    private static partial int BoosterAddValidData(IntPtr booster, IntPtr valid);

    [LibraryImport(Library, EntryPoint = "LGBM_BoosterUpdateOneIter")]
    private static partial int BoosterUpdateOneIter(IntPtr booster, out int finished);

    [LibraryImport(Library, EntryPoint = "LGBM_BoosterGetEval")]
    private static unsafe partial int BoosterGetEval(IntPtr booster, int dataIndex, out int length, double* results);

    [LibraryImport(Library, EntryPoint = "LGBM_BoosterSaveModelToString")]
    private static unsafe partial int BoosterSaveModelToString(IntPtr booster, int startIteration, int iterations, int importanceType, long bufferLength, out long length, byte* buffer);

    [LibraryImport(Library, EntryPoint = "LGBM_BoosterFree")]
    private static partial int BoosterFree(IntPtr booster);

    private static void Check(int rc, string what)
    {
        if (rc == 0) return;
        string message = Marshal.PtrToStringUTF8(GetLastError()) ?? "unknown error";
        throw new InvalidOperationException($"LightGBM {what} failed: {message}");
    }

    /// <summary>A LightGBM dataset of row-major float rows with 0/1 labels and per-row initial raw scores.</summary>
    internal sealed class Dataset : IDisposable
    {
        private IntPtr _handle;

        /// <summary>Copies <paramref name="rows"/> (row-major, <paramref name="width"/> wide) into LightGBM's binned form;
        /// <paramref name="reference"/> (the training set) makes a validation set share its bins.</summary>
        public unsafe Dataset(ReadOnlySpan<float> rows, int width, ReadOnlySpan<float> labels, ReadOnlySpan<double> initScores, string parameters, Dataset? reference = null)
        {
            int n = labels.Length;
            if (n == 0 || rows.Length != n * width || initScores.Length != n) throw new ArgumentException("rows, labels and init scores disagree in length");
            fixed (float* x = rows)
                Check(DatasetCreateFromMat(x, DtypeFloat32, n, width, RowMajor, parameters, reference?._handle ?? IntPtr.Zero, out _handle), "DatasetCreateFromMat");
            fixed (float* y = labels) Check(DatasetSetField(_handle, "label", y, n, DtypeFloat32), "DatasetSetField(label)");
            fixed (double* s = initScores) Check(DatasetSetField(_handle, "init_score", s, n, DtypeFloat64), "DatasetSetField(init_score)");
        }

        internal IntPtr Handle => _handle;

        public void Dispose()
        {
            if (_handle == IntPtr.Zero) return;
            DatasetFree(_handle);
            _handle = IntPtr.Zero;
        }
    }

    /// <summary>A booster trained one iteration at a time.</summary>
    internal sealed class Booster : IDisposable
    {
        private IntPtr _handle;

        public Booster(Dataset train, string parameters) => Check(BoosterCreate(train.Handle, parameters, out _handle), "BoosterCreate");

        public void AddValid(Dataset valid) => Check(BoosterAddValidData(_handle, valid.Handle), "BoosterAddValidData");

        /// <summary>One boosting round; false when no split could be made (LightGBM then adds no tree).</summary>
        public bool Update()
        {
            Check(BoosterUpdateOneIter(_handle, out int finished), "BoosterUpdateOneIter");
            return finished == 0;
        }

        /// <summary>The first metric on data set <paramref name="index"/> (0 = training, 1 = the first validation set).</summary>
        public unsafe double Eval(int index)
        {
            var results = stackalloc double[8];
            Check(BoosterGetEval(_handle, index, out int length, results), "BoosterGetEval");
            return length > 0 ? results[0] : double.NaN;
        }

        /// <summary>The model's first <paramref name="iterations"/> iterations in LightGBM's text format.</summary>
        public unsafe string ModelText(int iterations)
        {
            Check(BoosterSaveModelToString(_handle, 0, iterations, 0, 0, out long length, null), "BoosterSaveModelToString");
            var buffer = new byte[length];
            fixed (byte* b = buffer)
                Check(BoosterSaveModelToString(_handle, 0, iterations, 0, length, out length, b), "BoosterSaveModelToString");
            return Encoding.UTF8.GetString(buffer, 0, (int)Math.Max(0, length - 1));
        }

        public void Dispose()
        {
            if (_handle == IntPtr.Zero) return;
            BoosterFree(_handle);
            _handle = IntPtr.Zero;
        }
    }
}
