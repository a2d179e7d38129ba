import { listUsers } from '@/db/users/admin';
import { guardPage } from '@/db/auth/page-guard';
import { CreateUserForm } from './_components/create-user-form';
import { UserRow } from './_components/user-row';

export const metadata = { title: 'Users' };

export default async function UsersPage() {
  const me = await guardPage('user:manage');
  const users = await listUsers();
  return (
    <>
      <h1>Users</h1>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
            <th scope="col">Last sign-in</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <UserRow key={user.id} user={user} isMe={user.id === me.id} />
          ))}
        </tbody>
      </table>
      <h2>Add a user</h2>
      <CreateUserForm />
    </>
  );
}
