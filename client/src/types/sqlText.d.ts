// esbuild bundles *.sql imports as text (loader '.sql': 'text' in esbuild.js).
declare module '*.sql' {
  const text: string;
  export default text;
}
