export type { SignatureCheck, SignerIdentity } from '@/lib/signing/types'
