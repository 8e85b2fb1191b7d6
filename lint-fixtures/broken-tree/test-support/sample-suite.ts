export const sampleSuite = { name: "sample" };
