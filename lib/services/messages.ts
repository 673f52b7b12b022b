import { attachmentMessages } from './attachment/messages'
import { complaintMessages } from './complaint/messages'
import { registryCertificateMessages } from './registry-certificate/messages'

// The messages of the catalogue's services (each keeps its own kk/ru files beside its code), merged into the app's
// by lib/i18n. Kept apart from the catalogue so that lib/i18n, which every service uses, does not import the services.
export const serviceMessages = [attachmentMessages, complaintMessages, registryCertificateMessages] as const
