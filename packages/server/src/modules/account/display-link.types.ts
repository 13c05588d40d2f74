import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { d } from '../../graphql/describe.js';
import { TOKEN_DAYS } from './tokens.js';
import { DEFAULT_DISPLAY_PATH, DISPLAY_NAME_MAX, DISPLAY_PATH_MAX } from './display-links.js';

/** A new wall display link (`createDisplayLink`): shown once. */
@ObjectType({
  description: d(
    '新建的大屏链接：只显示这一次，24 小时内在会议室电视的浏览器中打开一次有效',
    'A new wall display link: shown this once; open it once, within 24 hours, in the meeting-room TV’s browser',
  ),
})
export class CreatedDisplayLink {
  @Field(() => String, {
    description: d(
      '链接在本系统上的路径（/auth/display/…，前面加上本系统的地址即为完整链接）',
      'The link’s path on this hub (/auth/display/…; prefix the hub’s address for the full link)',
    ),
  })
  url!: string;

  @Field(() => Date, { description: d('链接失效时间（未打开时）', 'When the link stops working, if not opened by then') })
  expiresAt!: Date;
}

@InputType({ description: d('新建大屏链接', 'A new wall display link') })
export class CreateDisplayLinkInput {
  @Field(() => String, {
    description: d(
      `大屏名称（1–${DISPLAY_NAME_MAX} 个字符，如“三楼会议室”）；其令牌名为“大屏 · 名称”`,
      `The display’s name (1–${DISPLAY_NAME_MAX} characters, such as "3rd floor meeting room"); its token is called "大屏 · <name>"`,
    ),
  })
  name!: string;

  @Field(() => Int, {
    nullable: true,
    defaultValue: TOKEN_DAYS.default,
    description: d(
      `大屏免登录显示的天数（${TOKEN_DAYS.min}–${TOKEN_DAYS.max}，默认 ${TOKEN_DAYS.default}）`,
      `Days the display shows the boards without signing in (${TOKEN_DAYS.min}–${TOKEN_DAYS.max}, ${TOKEN_DAYS.default} by default)`,
    ),
  })
  days?: number | null;

  @Field(() => String, {
    nullable: true,
    defaultValue: DEFAULT_DISPLAY_PATH,
    description: d(
      `打开后显示的页面：本系统内以“/”开头的路径（至多 ${DISPLAY_PATH_MAX} 个字符），默认为总览的大屏模式 ${DEFAULT_DISPLAY_PATH}`,
      `The page it shows: a path of this hub starting with "/" (at most ${DISPLAY_PATH_MAX} characters); the overview in kiosk mode, ${DEFAULT_DISPLAY_PATH}, by default`,
    ),
  })
  path?: string | null;
}
