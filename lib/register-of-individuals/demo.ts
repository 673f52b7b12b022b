import type { RegisteredIndividual, RegisterOfIndividuals } from './port'

// The demo register knows these people (valid IINs; none of them is in the demo clinics' database, so each can be
// registered as a walk-in); every other IIN is "not found", and the registrar types the person from the document.
export const demoIndividuals: readonly RegisteredIndividual[] = [
  {
    iin: '850412488016',
    lastName: 'Сейтқали',
    firstName: 'Айгүл',
    middleName: 'Нұрланқызы',
    birthDate: '1985-04-12',
    sex: 'female',
    status: 'citizen',
    residence: null,
    address: 'Ақтау қ., 7 шағын аудан, 12 үй, 34 пәтер',
  },
  {
    iin: '791103388029',
    lastName: 'Петров',
    firstName: 'Иван',
    middleName: 'Сергеевич',
    birthDate: '1979-11-03',
    sex: 'male',
    status: 'citizen',
    residence: null,
    address: 'Ақтау қ., 4 шағын аудан, 3 үй, 15 пәтер',
  },
  {
    iin: '160229588033',
    lastName: 'Жанұзақ',
    firstName: 'Әлихан',
    middleName: 'Ерланұлы',
    birthDate: '2016-02-29',
    sex: 'male',
    status: 'citizen',
    residence: null,
    address: 'Ақтау қ., 14 шағын аудан, 41 үй, 7 пәтер',
  },
  {
    iin: '900721488048',
    lastName: 'Ким',
    firstName: 'Ольга',
    middleName: null,
    birthDate: '1990-07-21',
    sex: 'female',
    status: 'foreigner',
    residence: 'permanent',
    address: null,
  },
]

export const demoRegister: RegisterOfIndividuals = {
  name: 'demo',
  async lookup(iin) {
    const person = demoIndividuals.find((candidate) => candidate.iin === iin)
    return person ? { state: 'found', person } : { state: 'not_found' }
  },
}
