const fs=require('fs'); const zlib=require('zlib'); const zopfli=require('@gfx/zopfli');
const json=fs.readFileSync('/tmp/slim-block.json','utf8');
const obj=JSON.parse(json);
(async()=>{
const z=async b=>Buffer.from(await zopfli.deflateAsync(b,{numiterations:15})).length;
const br=b=>zlib.brotliCompressSync(b,{params:{[zlib.constants.BROTLI_PARAM_QUALITY]:11,[zlib.constants.BROTLI_PARAM_LGWIN]:22}}).length;
const utf8=Buffer.from(json,'utf8');
const u16=Buffer.alloc(json.length*2); for(let i=0;i<json.length;i++) u16.writeUInt16BE(json.charCodeAt(i),i*2);
// mixed: ascii 1 byte, others: 2 bytes with high bit marker (cp in 0x80..0x7fff) -> 0x80|hi, lo
const his=[]; const mix=[]; for(const ch of json){const c=ch.codePointAt(0); if(c<0x80) mix.push(c); else {let h=his.indexOf(c>>8); if(h<0){h=his.length;his.push(c>>8);} mix.push(0x80|h, c&255);}} console.log('his',his.length);
const mixb=Buffer.from(mix);
console.log('utf8',utf8.length, await z(utf8), 'br',br(utf8));
console.log('u16',u16.length, await z(u16));
console.log('mix',mixb.length, await z(mixb), 'br', br(mixb));
// separate ja/en
console.log('ja only', await z(Buffer.from(JSON.stringify(obj.ja))), 'en', await z(Buffer.from(JSON.stringify(obj.en))), 's', await z(Buffer.from(JSON.stringify(obj.s))));
// values-only ordering: ja values then en values then s (keys once)
const keys=Object.keys(obj.ja);
const alt=JSON.stringify([keys, keys.map(k=>obj.ja[k]), keys.map(k=>obj.en[k]), obj.s]);
console.log('keys once', Buffer.byteLength(alt), await z(Buffer.from(alt)));
const alt2=JSON.stringify([keys, keys.map(k=>[obj.ja[k],obj.en[k]]), obj.s]);
console.log('interleaved', Buffer.byteLength(alt2), await z(Buffer.from(alt2)));
})();
(async()=>{
const z=async (b,n=15)=>Buffer.from(await zopfli.deflateAsync(b,{numiterations:n})).length;
const keys=Object.keys(obj.ja);
const enc=(str)=>{const his=[]; const mix=[]; for(const ch of str){const c=ch.codePointAt(0); if(c<0x80) mix.push(c); else {let h=his.indexOf(c>>8); if(h<0){h=his.length;his.push(c>>8);} mix.push(0x80|h, c&255);}} return Buffer.from(mix);};
const alt=JSON.stringify([keys, keys.map(k=>obj.ja[k]), keys.map(k=>obj.en[k]), obj.s]);
console.log('keysonce+mix', await z(enc(alt)), 'n100', await z(enc(alt),100));
const sk=[...keys].sort();
const alt3=JSON.stringify([sk, sk.map(k=>obj.ja[k]), sk.map(k=>obj.en[k]), obj.s]);
console.log('sorted keysonce+mix', await z(enc(alt3)));
const alt4=JSON.stringify([keys, keys.map(k=>obj.ja[k]), obj.s, keys.map(k=>obj.en[k])]);
console.log('ja,s,en', await z(enc(alt4)));
// join with separator instead of JSON arrays
const sep='\u0001';
const alt5=[keys.join(sep), keys.map(k=>obj.ja[k]).join(sep), keys.map(k=>obj.en[k]).join(sep), obj.s.join(sep)].join('\u0002');
console.log('sep', Buffer.byteLength(alt5), await z(enc(alt5)));
})();
