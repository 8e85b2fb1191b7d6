export const bodyPath = (path: string): string[] => path.split(".");
