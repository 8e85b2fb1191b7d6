import { InvalidArgumentError } from "commander";
import { parseDuration } from "../time/duration.ts";

/**
 * Typed option values: each parser names the flag, the expected form and what it got,
 * e.g. "--port must be a port number from 0 to 65535, got abc".
 */
export function port(flag: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n > 65535) throw new InvalidArgumentError(`${flag} must be a port number from 0 to 65535, got ${value}`);
    return n;
  };
}

export function duration(flag: string): (value: string) => string {
  return (value) => {
    try {
      parseDuration(value);
    } catch {
      throw new InvalidArgumentError(`${flag} must be a duration such as 20s, 30m or 24h, got ${value}`);
    }
    return value;
  };
}

/** A timeout: a positive duration, or none to switch it off. */
export function timeoutOrNone(flag: string): (value: string) => number | null {
  return (value) => {
    if (value === "none") return null;
    let ms: number;
    try {
      ms = parseDuration(value);
    } catch {
      throw new InvalidArgumentError(`${flag} must be a duration such as 30m, or none, got ${value}`);
    }
    if (ms <= 0) throw new InvalidArgumentError(`${flag} must be a positive duration (or none for no timeout), got ${value}`);
    return ms;
  };
}

/** Repeatable `--set option=value`: collected into a record. */
export function keyValue(flag: string): (value: string, previous: Record<string, string> | undefined) => Record<string, string> {
  return (value, previous) => {
    const eq = value.indexOf("=");
    if (eq < 1) throw new InvalidArgumentError(`${flag} must be option=value, got ${value}`);
    return { ...(previous ?? {}), [value.slice(0, eq)]: value.slice(eq + 1) };
  };
}

/** Repeatable plain values (`--target a --target b`). */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** A whole number of at least 1 (runs, seeds, counts), up to 2^31 − 1. */
export function positiveInteger(flag: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < 1 || n > 2 ** 31 - 1)
      throw new InvalidArgumentError(`${flag} must be a whole number from 1 to 2147483647, got ${value}`);
    return n;
  };
}
