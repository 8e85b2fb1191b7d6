export const send = (url: string): string => url;
