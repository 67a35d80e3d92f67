/** An error caused by the request (bad argument, missing object): its message goes to the client. */
export class UserInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserInputError';
  }
}
