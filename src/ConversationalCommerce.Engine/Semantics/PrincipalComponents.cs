namespace ConversationalCommerce.Engine.Semantics;

/// <summary>
/// Principal axes of a set of row vectors (cyclic Jacobi on the covariance): projecting the token vectors
/// onto the leading axes keeps what tells tokens apart in fewer dimensions (a smaller, faster table).
/// </summary>
internal static class PrincipalComponents
{
    /// <summary>The mean row and the <paramref name="count"/> leading axes (each of length <paramref name="dimensions"/>), largest variance first.</summary>
    public static (double[] Mean, double[][] Axes) Fit(float[] rows, int dimensions, int count, CancellationToken cancellationToken)
    {
        var n = rows.Length / dimensions;
        var mean = new double[dimensions];
        for (var r = 0; r < n; r++)
            for (var d = 0; d < dimensions; d++) mean[d] += rows[r * dimensions + d];
        for (var d = 0; d < dimensions; d++) mean[d] /= n;

        var covariance = new double[dimensions, dimensions];
        var centered = new double[dimensions];
        for (var r = 0; r < n; r++)
        {
            for (var d = 0; d < dimensions; d++) centered[d] = rows[r * dimensions + d] - mean[d];
            for (var i = 0; i < dimensions; i++)
            {
                var ci = centered[i];
                for (var j = i; j < dimensions; j++) covariance[i, j] += ci * centered[j];
            }
        }
        for (var i = 0; i < dimensions; i++)
            for (var j = i; j < dimensions; j++) covariance[j, i] = covariance[i, j] /= n;

        var (values, vectors) = Eigen(covariance, cancellationToken);
        var order = Enumerable.Range(0, dimensions).OrderByDescending(i => values[i]).Take(count).ToArray();
        var axes = order.Select(k => Enumerable.Range(0, dimensions).Select(d => vectors[d, k]).ToArray()).ToArray();
        return (mean, axes);
    }

    /// <summary>Eigenvalues and eigenvectors (columns) of a symmetric matrix; the matrix is overwritten.</summary>
    private static (double[] Values, double[,] Vectors) Eigen(double[,] a, CancellationToken cancellationToken)
    {
        var n = a.GetLength(0);
        var v = new double[n, n];
        for (var i = 0; i < n; i++) v[i, i] = 1;
        for (var sweep = 0; sweep < 50; sweep++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            double off = 0, diagonal = 0;
            for (var i = 0; i < n; i++)
            {
                diagonal += a[i, i] * a[i, i];
                for (var j = i + 1; j < n; j++) off += a[i, j] * a[i, j];
            }
            if (off <= 1e-22 * diagonal) break;
            for (var p = 0; p < n; p++)
                for (var q = p + 1; q < n; q++)
                {
                    if (Math.Abs(a[p, q]) < 1e-300) continue;
                    var theta = (a[q, q] - a[p, p]) / (2 * a[p, q]);
                    var t = Math.Sign(theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
                    if (theta == 0) t = 1;
                    var c = 1 / Math.Sqrt(t * t + 1);
                    var s = t * c;
                    for (var k = 0; k < n; k++)
                    {
                        var akp = a[k, p];
                        var akq = a[k, q];
                        a[k, p] = c * akp - s * akq;
                        a[k, q] = s * akp + c * akq;
                    }
                    for (var k = 0; k < n; k++)
                    {
                        var apk = a[p, k];
                        var aqk = a[q, k];
                        a[p, k] = c * apk - s * aqk;
                        a[q, k] = s * apk + c * aqk;
                    }
                    for (var k = 0; k < n; k++)
                    {
                        var vkp = v[k, p];
                        var vkq = v[k, q];
                        v[k, p] = c * vkp - s * vkq;
                        v[k, q] = s * vkp + c * vkq;
                    }
                }
        }
        var values = new double[n];
        for (var i = 0; i < n; i++) values[i] = a[i, i];
        return (values, v);
    }
}
