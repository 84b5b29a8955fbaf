/**
 * Logistic regression, fitted by Newton's method with an L2 penalty: small,
 * deterministic (no random start, no sampling, the same answer on every
 * machine) and calibrated enough that its output reads as a probability.
 */

export interface LogisticModel {
  /** One weight per feature. */
  weights: number[];
  bias: number;
}

export interface FitOptions {
  /** L2 penalty on the weights (not the bias). */
  l2?: number;
  iterations?: number;
  /** Per feature: +1 the weight must not be negative, -1 not positive, 0 free. */
  signs?: ArrayLike<number>;
}

/**
 * Fits with sign constraints by active sets: fit, hold at 0 every weight that
 * came out on the wrong side of its sign, fit the rest again, until no weight
 * is on the wrong side. Each round frees nothing, so it ends within d rounds.
 */
export function fitSigned(xs: ArrayLike<number>[], ys: number[], ws: number[], options: FitOptions = {}): LogisticModel {
  const d = xs[0]?.length ?? 0;
  const signs = options.signs ?? new Array<number>(d).fill(0);
  const held = new Set<number>();
  for (;;) {
    const keep = Array.from({ length: d }, (_, i) => i).filter((i) => !held.has(i));
    const m = fit(
      xs.map((x) => keep.map((i) => x[i])),
      ys,
      ws,
      options,
    );
    const weights = new Array<number>(d).fill(0);
    keep.forEach((i, k) => (weights[i] = m.weights[k]));
    const wrong = keep.filter((i) => signs[i] * weights[i] < 0);
    if (wrong.length === 0) return { bias: m.bias, weights };
    for (const i of wrong) held.add(i);
  }
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** The model's probability for feature vector `x`. */
export function predict(m: LogisticModel, x: ArrayLike<number>): number {
  let z = m.bias;
  for (let i = 0; i < m.weights.length; i++) z += m.weights[i] * x[i];
  return sigmoid(z);
}

/**
 * Fits weights to examples `xs` with labels `ys` (1 or 0) and per-example
 * weights `ws` (for class balance). Stops when the largest step is tiny.
 */
export function fit(xs: ArrayLike<number>[], ys: number[], ws: number[], options: FitOptions = {}): LogisticModel {
  const d = xs[0]?.length ?? 0;
  const l2 = options.l2 ?? 1;
  const iterations = options.iterations ?? 50;
  // Parameter 0 is the bias; 1..d the weights.
  const beta = new Float64Array(d + 1);
  const row = new Float64Array(d + 1);
  for (let it = 0; it < iterations; it++) {
    const g = new Float64Array(d + 1);
    const h = Array.from({ length: d + 1 }, () => new Float64Array(d + 1));
    for (let n = 0; n < xs.length; n++) {
      row[0] = 1;
      for (let i = 0; i < d; i++) row[i + 1] = xs[n][i];
      let z = 0;
      for (let i = 0; i <= d; i++) z += beta[i] * row[i];
      const p = sigmoid(z);
      const r = ws[n] * (p - ys[n]);
      const v = ws[n] * p * (1 - p);
      for (let i = 0; i <= d; i++) {
        if (row[i] === 0) continue;
        g[i] += r * row[i];
        const hi = h[i];
        const vi = v * row[i];
        for (let j = 0; j <= d; j++) hi[j] += vi * row[j];
      }
    }
    for (let i = 1; i <= d; i++) {
      g[i] += l2 * beta[i];
      h[i][i] += l2;
    }
    // A tiny ridge on every diagonal keeps the system solvable when a feature is always 0.
    for (let i = 0; i <= d; i++) h[i][i] += 1e-9;
    const step = solve(h, g);
    let largest = 0;
    for (let i = 0; i <= d; i++) {
      beta[i] -= step[i];
      largest = Math.max(largest, Math.abs(step[i]));
    }
    if (largest < 1e-10) break;
  }
  return { bias: beta[0], weights: Array.from(beta.slice(1)) };
}

/** Solves A x = b by Gaussian elimination with partial pivoting (A is small and symmetric positive definite). */
function solve(a: Float64Array[], b: Float64Array): Float64Array {
  const n = b.length;
  const m = a.map((r, i) => {
    const x = new Float64Array(n + 1);
    x.set(r);
    x[n] = b[i];
    return x;
  });
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
    [m[col], m[pivot]] = [m[pivot], m[col]];
    const p = m[col][col];
    if (Math.abs(p) < 1e-300) continue;
    for (let r = col + 1; r < n; r++) {
      const f = m[r][col] / p;
      if (f === 0) continue;
      for (let k = col; k <= n; k++) m[r][k] -= f * m[col][k];
    }
  }
  const x = new Float64Array(n);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r][n];
    for (let k = r + 1; k < n; k++) s -= m[r][k] * x[k];
    x[r] = Math.abs(m[r][r]) < 1e-300 ? 0 : s / m[r][r];
  }
  return x;
}
