// opencc-js ships its dictionaries as ES modules of one string each ("源 目标|源 目标…") without
// type declarations for the subpaths; this says what they hold.
declare module 'opencc-js/dict/*' {
  const dict: string
  export default dict
}
