import file from './weights.json';
import { FEATURES } from './features';
import { predict, type LogisticModel } from './logistic';

/**
 * The support model: the probability that the sources support a claim, from
 * the features of its alignment with its evidence. Its weights are learned by
 * `npm run train` (server/src/tools/train.ts) on the train split of the
 * research data and committed in weights.json with the data and command that
 * made them; nothing in it is set by hand.
 */

/** What weights.json holds. */
export interface WeightsFile {
  /** The feature names, in order; they must be those of features.ts. */
  features: string[];
  weights: number[];
  bias: number;
  /** A claim whose support is at least this is supported (learned on the dev split). */
  threshold: number;
  /**
   * A conflict is a contradiction when the support, were the conflicting fact
   * right, is at least this: the evidence is about the same event (learned on
   * the dev split, favouring precision).
   */
  contradictionThreshold: number;
  /** How the weights were made: command, data, split, figures. */
  provenance: Record<string, unknown>;
}

export class SupportModel implements LogisticModel {
  readonly weights: number[];
  readonly bias: number;
  readonly threshold: number;
  readonly contradictionThreshold: number;

  /** A model from a weights file's content, or (in training) from fitted weights and thresholds. */
  static of(m: LogisticModel, threshold: number, contradictionThreshold = threshold): SupportModel {
    return new SupportModel({ features: [...FEATURES], weights: m.weights, bias: m.bias, threshold, contradictionThreshold, provenance: {} });
  }

  constructor(w: WeightsFile) {
    if (w.features.length !== FEATURES.length || w.features.some((f, i) => f !== FEATURES[i])) {
      throw new Error('weights.json was trained for other features than features.ts computes; run `npm run train`');
    }
    this.weights = w.weights;
    this.bias = w.bias;
    this.threshold = w.threshold;
    this.contradictionThreshold = w.contradictionThreshold;
  }

  /** The probability (0..1) that the sources support a claim with these features. */
  support(features: ArrayLike<number>): number {
    return predict(this, features);
  }
}

let model: SupportModel | undefined;

/** The committed model (loaded once). */
export function supportModel(): SupportModel {
  return (model ??= new SupportModel(file));
}
