export const redact = (text: string): string => text.replace(/./g, "*");
