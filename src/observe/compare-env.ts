/** Set by `sessionprobe run --compare-baseline`: the baseline reporter compares each target with its baseline after the run. */
export const COMPARE_ENV = "SESSIONPROBE_COMPARE_BASELINE";
