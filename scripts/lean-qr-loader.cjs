// webpack loader for lean-qr's nano build (webpack.config.js; domain/qr.ts uses its `generate`): takes out the two
// methods that draw a code on an HTML canvas (`toCanvas` and its helper `u`, which need the DOM's
// CanvasRenderingContext2D). dist/Code.js runs in Apps Script, where no canvas exists; domain/qr.ts reads the modules
// with `get` and writes its own GIF. −402 B. The exact text is that of lean-qr 2.7.4 (package.json pins it): another
// version stops the build here rather than bundling something unchecked. The sidebar's esbuild bundle keeps the file as is.
const METHODS = ',u(o,{on:r=[0,0,0],off:e=[0,0,0,0],pad:n=4,padX:f=n,padY:s=n}={}){const l=t+2*f,c=t+2*s,a=o.createImageData(l,c),i=new Uint32Array(a.data.buffer);a.data.set([...r,255]);const d=i[0];a.data.set([...e,255]);const u=i[0];for(let t=0;t<c;++t)for(let o=0;o<l;++o)i[t*l+o]=this.get(o-f,t-s)?d:u;return a},toCanvas(t,o){const r=t.getContext("2d"),e=this.u(r,o);t.width=e.width,t.height=e.height,r.putImageData(e,0,0)}';

module.exports = function leanQrWithoutCanvas(source) {
  const at = source.indexOf(METHODS);
  if (at < 0 || source.indexOf(METHODS, at + 1) >= 0) {
    throw new Error(`lean-qr-loader: the canvas methods of lean-qr 2.7.4's nano build were not found once in ${this.resourcePath} (another version?)`);
  }
  return source.slice(0, at) + source.slice(at + METHODS.length);
};
