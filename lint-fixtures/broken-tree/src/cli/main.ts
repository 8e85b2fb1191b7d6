import { summary } from "../report/summary.ts";

export const usage = "sessionprobe";
export const main = () => summary();
