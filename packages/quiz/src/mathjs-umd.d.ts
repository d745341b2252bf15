declare module "mathjs/lib/browser/math.js" {
  const math: unknown;
  export default math;
}
