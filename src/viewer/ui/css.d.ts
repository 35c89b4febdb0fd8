/** Stylesheets are bundled as text (tsup's `text` loader) and put in a <style> element at start. */
declare module "*.css" {
  const text: string;
  export default text;
}
