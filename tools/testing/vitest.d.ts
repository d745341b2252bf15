export declare const qkvTestOptions: {
  include: string[];
  exclude: string[];
  reporters: ("default" | "json")[];
  outputFile: { json: string };
  testTimeout: number;
};
