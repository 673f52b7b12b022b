import type { RefusalGround } from '@/lib/requests/contract'

// List row 10: the one ground of refusal, the same for the three services (rule 20). The source gives no Russian
// wording (B12): ours until the official Russian text is checked.
export const noConsentGround = 'no_consent'

export const registryCertificateRefusalGrounds = [
  {
    code: noConsentGround,
    titleKk: 'Келісім жоқ',
    titleRu: 'Нет согласия',
    kk: 'Сұрау салу жасалған адамның келісімінің болмауы',
    ru: 'Отсутствие согласия лица, в отношении которого сделан запрос',
    source: '003, негізгі талаптар тізбесінің 10-жолы',
  },
] as const satisfies readonly RefusalGround[]
