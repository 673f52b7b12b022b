import kk from './kk.json'
import ru from './ru.json'

export const registryCertificateMessages = { kk, ru }
