/** `.graphql` files are imported as their text (tsup loader / vitest plugin). */
declare module '*.graphql' {
  const text: string;
  export default text;
}
