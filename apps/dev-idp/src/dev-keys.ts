/**
 * Fixed keys of the development identity provider, committed on purpose: ID tokens still verify after a restart
 * and nothing warns about generated keys. DEVELOPMENT ONLY: this provider never runs in production.
 */
export const DEV_SIGNING_KEY = {
  kid: 'dev-idp-rs256',
  use: 'sig',
  alg: 'RS256',
  kty: 'RSA',
  n: 'oJ-KjAwkcxrEgfP4NY6HMG1lpZ1aQVWeH4b9oTtP3Q3az2TtkKBklIDiWb4ZOcHIhv3vEoOTedu7wdYk--xW_qaItMbzxUe2xiMuKlFKnBplJNlFevygiTLVTY1KBBLvQwdGJ2srZ4jkr3Lc80QARXB2cWvXbfl9WpBzo9D8LR0mlvXoF2Zmo3jZf3KyNPAsi-_99Lj89okzU5VblrxbCqeXWu4h590Sdb9QaujWkv9qaNg_jyt44CyL4bgeNlD11stDnjcCCsMQ2EbKPhhVBXMyNuvAc3a6KIhAqNlvLzEChyI3qW8tFiKix5BF5Q80cWcGEQSr9dbviUzuEbRY9Q',
  e: 'AQAB',
  d: 'KbYkqYfBs26BF2o-y9Gug8H1ApQhSxQr0u4gUU1wyOv_JZqFIui0Feh-X2XBcUFEjOHGwt0OYDfSw1yUECPo14pxt9hul42vBjc-ltizcmRcXbxakbynB9n-kHwfe31bSuHJsxTema1wDavbewTuuRmieIPT1whSKEGY9jKgOiqNZ2aMEVex87xHxGa1xE2rCulUdbMDVs-NMIDh2hqOJFOahrizip4Xr12dGloxAyZkvSiP_0MyuekIDswUw0Dkm9agGOPrbQZdjfH7TI5yZ3rFds4qMO2TTIEeqaE82IV0WEN_hrMr2Ztwx1E7CGiOAHKa_mUwPAe7l73boEnVJQ',
  p: '0g3xscg9GoPKgwFFygrwnnMqxMW-dVf5ZteXJR2aNEDKTNWbvFq-0MTYKbov1OZ0TiVET7kWUh8kOdUyY7Vui4fzgG4mZGy6gSJdde4bFEgmc37gwpCedX0Mu2fkZtSlfIS1ylWv6M_YMDMEaJyFPzGCHAJVxZ9XDCca0CTlIo8',
  q: 'w8GuMeN2ze4J84GVMM0-H-fCB2Td9uNGeA1-Skihv8wzI1i0LkwRJoSsx_TMY-SotvpRmWhRcJ-sR2bY-kbMIAT_gSFp6lUZDcIK0wDTtRsGH6QWeAaeQ0jn6SbJGlFGTVm29qCtMWZyPjFMjBtnbi_0oGWIdTvUoCN-bz1tfjs',
  dp: 'SMaQAJpxoSgcF7tvJIsZxqv8G2SvkhRC0oDLWw6giI4SCQDRDjcaeVZZ1kstm0Ok9BYxTrW_qAAmGutko-sOO8WEdfCz2INbMrZnTx6Jv0MoH0fMM1zLqcUDjkJ2fbIbC8MnAM0jPzQToM9sLZpdCAHtJCsi8G8-R3Wc8pR11r0',
  dq: 'lc-kq0NkCYdRkEysS3PXRn2MDTKReD9JD9lrvBfHycvRmwxooEHQokTJIiHjRdOZlqcNSbT_FozsQJyiEy-ZSivpCf7zWsWTbecBd6fbXW94CUD_fQ27ksy5xsHLB9wJTGsLTcV7piG77oK2DUdvqXED6ripbObD-2YOfb1qDT8',
  qi: 'KLl1rK0lyfjRGFTf0dP3zwEVkaPSX8herXK72Dkyf4uZwgZmpQErUxNxQ3zFUgQjaDlmB9mBl7EcRscC839xVYeoY1aPRw-hncRC8lATgdKaBR-hnflk8wqpJb_6CgPYr0ZHFjWQeknzkYEnc-wanpxjVpHG0J31d3gi7a-Zs1s',
};

/** Keys signing the provider's cookies (development only). */
export const DEV_COOKIE_KEYS = ['dev-idp-cookie-key-1-not-a-secret', 'dev-idp-cookie-key-2-not-a-secret'];
